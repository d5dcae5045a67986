from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step
from odoo.addons.aftersales_reception.tools.lock import lock_records


class AftersalesAccessoriesLoan(models.Model):
    """The loan register (借用登记): accessories and tools lent out of the accessories store, and their return."""

    _name = "aftersales.accessories.loan"
    _description = "Accessories Loan"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.accessories.loan"
    _order = "state, due_date, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    product_id = fields.Many2one("product.product", string="Accessory or Tool", required=True, check_company=True)
    quantity = fields.Float(default=1.0, digits="Product Unit", required=True)
    borrower_id = fields.Many2one("res.partner", required=True, check_company=True,
                                  help="Who takes it: a colleague of another department, a customer, a fitter.")
    purpose = fields.Char(help="What it is borrowed for: a display, a customer's trial, a car show.")
    due_date = fields.Date(string="Due Back", required=True, index=True)
    state = fields.Selection([("draft", "Draft"), ("lent", "Lent"), ("returned", "Returned")], default="draft",
                             required=True, index=True, tracking=True, copy=False, aftersales_step=True)
    lent_date = fields.Datetime(copy=False, readonly=True, aftersales_step=True)
    lent_by_id = fields.Many2one("res.users", string="Lent by", copy=False, readonly=True, aftersales_step=True)
    returned_date = fields.Datetime(copy=False, readonly=True, aftersales_step=True)
    returned_by_id = fields.Many2one("res.users", string="Taken Back by", copy=False, readonly=True,
                                     aftersales_step=True)
    return_note = fields.Char(copy=False, readonly=True, aftersales_step=True,
                              help="The state it came back in.")
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")

    _quantity_positive = models.Constraint("CHECK(quantity > 0)", "The quantity lent must be positive.")

    @api.depends("state", "due_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for loan in self:
            loan.is_overdue = loan.state == "lent" and loan.due_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = [("state", "=", "lent"), ("due_date", "<", fields.Date.context_today(self))]
        return overdue if (operator == "in") == (True in value) else ["!", *overdue]

    def write(self, vals):
        locked = {"product_id", "quantity", "borrower_id"}
        if locked & set(vals) and any(loan.state != "draft" for loan in self):
            raise UserError(self.env._("What was lent and to whom stays as registered."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_lent(self):
        if any(loan.state != "draft" for loan in self):
            raise UserError(self.env._("A loan that was lent stays in the register."))

    @business_step
    def action_lend(self):
        """The accessory or tool leaves the store with the borrower."""
        lock_records(self)  # lent once, even by two clerks at the same moment
        today = fields.Date.context_today(self)
        for loan in self:
            if loan.state != "draft":
                raise UserError(self.env._("Loan %(loan)s is already lent.", loan=loan.name))
            if loan.due_date < today:
                raise UserError(self.env._("Loan %(loan)s: the return date cannot be in the past.", loan=loan.name))
        self.write({"state": "lent", "lent_date": fields.Datetime.now(), "lent_by_id": self.env.user.id})
        return True

    def action_return(self):
        return self._record_return()

    @business_step
    def _record_return(self, note=False):
        """The borrower brings it back: when, to whom, and in what state."""
        lock_records(self)  # taken back once, even by two clerks at the same moment
        if any(loan.state != "lent" for loan in self):
            raise UserError(self.env._("Only a lent accessory or tool is taken back."))
        self.write({"state": "returned", "returned_date": fields.Datetime.now(),
                    "returned_by_id": self.env.user.id, "return_note": note or False})
        return True
