from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestManagerDashboardTour(HttpCase):
    def test_manager_opens_the_kpi_dashboard(self):
        new_test_user(self.env, login="kpi_tour_manager", name="王建国",
                      groups="aftersales_reception.group_service_manager")
        self.start_tour("/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
                        "aftersales_kpi_manager_dashboard", login="kpi_tour_manager")
