"""The mock gateways notifications talk to, each its own process (standard library only): the SMS brandname
gateway (``python -m notifications.mock.sms``) and Zalo's ZNS (``python -m notifications.mock.zalo``)."""
