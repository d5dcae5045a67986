from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import RECEPTION_READER_RIGHTS, AftersalesCase


@tagged("post_install", "-at_install")
class TestWarrantyRoles(AftersalesCase):
    def test_clerk_reads_reception_records_and_records_old_parts(self):
        clerk = new_test_user(self.env, login="roles_warranty", groups="aftersales_warranty.group_warranty_clerk")
        # The old parts the manufacturer wants back are the parts store's records, kept for the claim.
        self.assertRights(clerk, {**RECEPTION_READER_RIGHTS, "aftersales.replaced.part": "1110"})
        manager = self.env.ref("aftersales_reception.group_service_manager")
        self.assertIn(self.env.ref("aftersales_warranty.group_warranty_clerk"), manager.all_implied_ids)
