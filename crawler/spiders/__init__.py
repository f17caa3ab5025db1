"""The generic registry-driven spider (base.PortalSpider, ``portal``) and small site spiders on top of it."""
