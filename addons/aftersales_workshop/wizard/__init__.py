from . import aftersales_service_package_wizard
from . import aftersales_extra_work_wizard
from . import aftersales_job_pause_wizard
from . import aftersales_dispatch_wizard
