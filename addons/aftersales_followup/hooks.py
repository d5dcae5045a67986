def post_init_hook(env):
    """The vehicles delivered before the addon came (reception's history, its demo) get their service due."""
    env["fleet.vehicle"]._aftersales_sync_service_due()
