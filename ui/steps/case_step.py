"""Step 1, Case: what is being appraised, by whom, and the rates that every figure uses."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QVBoxLayout, QWidget

from appraisal.montecarlo import rank_correlation
from ui.document import CaseDocument
from ui.widgets.fields import (ChoiceField, NumberField, TextField, int_field, money_field,
                               percent_field)

S = ("settings",)


class CaseStep(QWidget):
    TITLE = "Case"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        d = document
        self.title = TextField(
            d, ("title",), "Title", placeholder="e.g. Oak and Elm: options appraisal",
            explanation="Printed on the cover of the board paper and the model.",
            tooltip="The case's title, as the board will see it.")
        self.prepared_by = TextField(
            d, ("prepared_by",), "Prepared by", placeholder="e.g. Director of Finance",
            explanation="Who prepared the appraisal, for the board paper's cover.",
            tooltip="The author or role responsible for the figures.")
        self.date = TextField(
            d, ("date",), "Date", placeholder="YYYY-MM-DD", empty_is_none=True,
            explanation="The date of the appraisal; it also sets the statutory pay cap used.",
            tooltip="Written as year-month-day, e.g. 2026-11-22.")
        self.first_year = int_field(
            d, (*S, "first_year"), "First year", minimum=1899, maximum=2300,
            optional_text="The year after the date",
            explanation="The calendar year of model year 1.",
            tooltip="Leave at its lowest to use the year after the case's date.")
        self.horizon = int_field(
            d, (*S, "horizon_years"), "Horizon", minimum=0, maximum=200, suffix=" years",
            explanation="How many years of cash flows the appraisal counts.",
            tooltip="Every year named in an option must fall inside the horizon.")
        self.discount_rate = percent_field(
            d, (*S, "discount_rate"), "Discount rate (real)",
            explanation="The real rate that turns future pounds into today's (HM Treasury "
                        "uses 3.5%).",
            tooltip="A real rate, since every figure is in today's prices. 3.5% is the Green "
                    "Book rate for the first 30 years.")
        self.schedule = ChoiceField(
            d, (*S, "discount_schedule"), "Discount schedule",
            [("Flat: the same rate every year", "flat"),
             ("Declining (Green Book, at 3.5% only)", "declining")],
            explanation="Declining: 3.5% to year 30, then 3% to year 75 and 2.5% after, as the "
                        "Green Book does for long appraisals.",
            tooltip="The declining schedule is allowed only with a discount rate of 3.5%.")
        self.inflation = percent_field(
            d, (*S, "inflation_rate"), "Inflation rate",
            explanation="Brings amounts fixed in cash (loan margins, lines marked nominal) into "
                        "today's prices.",
            tooltip="A yearly rate; 2% is the Bank of England's target. Amounts in today's "
                    "prices are not affected.")
        self.vat_rate = percent_field(
            d, (*S, "vat_rate"), "VAT rate",
            explanation="Charged on shared services that are standard rated.",
            tooltip="The standard rate of VAT, 20% in the UK.")
        self.pay_cap = money_field(
            d, (*S, "redundancy_weekly_pay_cap"), "Redundancy weekly pay cap", minimum=-1,
            step=1, optional_text="Statutory cap on the date",
            explanation="The most a week's pay can count for in statutory redundancy pay.",
            tooltip="Leave at its lowest to use the statutory cap in force on the case's date.")
        self.bias_costs = percent_field(
            d, (*S, "optimism_bias", "costs"), "Optimism bias on costs", maximum=1000.0,
            explanation="Costs are raised by this much, because estimates tend to be low.",
            tooltip="An uplift on every cost line (Green Book optimism bias), e.g. 10%.")
        self.bias_savings = percent_field(
            d, (*S, "optimism_bias", "savings"), "Optimism bias on savings",
            explanation="Savings are cut by this much, because they tend to be over-promised.",
            tooltip="A reduction on every saving line, from 0% to 100%.")
        self.draws = int_field(
            d, (*S, "monte_carlo", "draws"), "Simulation draws", minimum=0, maximum=5_000_000,
            explanation="How many random runs the simulation makes of the uncertain lines.",
            tooltip="More draws give steadier probabilities and take longer; 10,000 is plenty.")
        self.seed = int_field(
            d, (*S, "monte_carlo", "seed"), "Simulation seed", minimum=-1,
            explanation="The same seed gives the same simulation, so figures can be checked.",
            tooltip="Any whole number; change it to see how much the simulation varies.")
        self.distribution = ChoiceField(
            d, (*S, "monte_carlo", "distribution"), "Range shape",
            [("Triangular", "triangular"), ("PERT (weights the middle)", "pert")],
            explanation="How values are drawn between each line's low and high.",
            tooltip="Triangular is the simplest; PERT puts more weight near the base value.")
        self.correlation = NumberField(
            d, (*S, "monte_carlo", "correlation"), "Correlation of the change", decimals=2,
            minimum=0.0, maximum=0.99, step=0.05,
            explanation=correlation_help(0.0),
            tooltip="0 draws every uncertain figure independently. Above 0, one common factor "
                    "(how the change goes as a whole) pulls the savings of every option below "
                    "their most likely values while the costs of change overrun; the "
                    "baseline's own uncertainties stay apart. At most 0.99.")
        d.changed.connect(self._show_correlation)
        self._show_correlation()

        layout = QVBoxLayout(self)
        layout.addWidget(self._group("The case", [
            ("&Title", self.title), ("&Prepared by", self.prepared_by), ("&Date", self.date)]))
        layout.addWidget(self._group("Time and money", [
            ("&First year", self.first_year), ("&Horizon", self.horizon),
            ("Dis&count rate (real)", self.discount_rate),
            ("Discount sc&hedule", self.schedule), ("&Inflation rate", self.inflation),
            ("&VAT rate", self.vat_rate),
            ("Redundancy &weekly pay cap", self.pay_cap)]))
        layout.addWidget(self._group("Caution with estimates", [
            ("Optimism bias on c&osts", self.bias_costs),
            ("Optimism bias on sa&vings", self.bias_savings),
            ("Simulation d&raws", self.draws), ("Simulation s&eed", self.seed),
            ("Range sh&ape", self.distribution),
            ("Correlation of the chan&ge", self.correlation)]))
        layout.addStretch(1)

    def _show_correlation(self) -> None:
        rho = self.document.get((*S, "monte_carlo", "correlation"))
        rho = rho if isinstance(rho, (int, float)) and 0 <= rho <= 0.99 else 0.0
        self.correlation.explanation.setText(correlation_help(rho))

    @staticmethod
    def _group(title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for label, field in rows:
            form.addRow(label, field)
            form.labelForField(field).setBuddy(field.editor)
        return box



def correlation_help(rho: float) -> str:
    """The one line of help under the correlation: what it means, and the rank correlation."""
    return (f"Savings tend to fall short together, as the costs of change overrun. At {rho:.2f} "
            f"two of them move with a rank correlation of {rank_correlation(rho):.2f}.")
