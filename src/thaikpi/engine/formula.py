"""Formulas over named inputs (``trade_value / budget``), evaluated exactly with Decimal.

Only arithmetic is allowed: numbers, input names, + - * /, unary minus and brackets.
A formula is parsed once (:func:`compile_formula`) and evaluated many times.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation

from thaikpi.engine.findings import Problem
from thaikpi.engine.messages import Both, render
from thaikpi.engine.numbers import CONTEXT, plausible

Evaluator = Callable[[Mapping[str, Decimal]], Decimal]


class FormulaError(Problem):
    """A formula that cannot be parsed or evaluated, with a plain message in English and Thai."""


class _ZeroDenominator(FormulaError):
    """A division by zero while evaluating: the denominator (as written) was 0."""

    def __init__(self, denominator: str) -> None:
        params = {"denominator": denominator}
        code = "formula.zero_denominator"
        super().__init__(render(code, params), render(code, params, thai=True), code, params)
        self.denominator = denominator


@dataclass(frozen=True, slots=True)
class Formula:
    """A parsed formula: its source text, the input names it uses, and its evaluator."""

    source: str
    names: frozenset[str]
    evaluate: Evaluator


_OPS: dict[type[ast.operator], Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: lambda a, b: CONTEXT.add(a, b),
    ast.Sub: lambda a, b: CONTEXT.subtract(a, b),
    ast.Mult: lambda a, b: CONTEXT.multiply(a, b),
    ast.Div: lambda a, b: CONTEXT.divide(a, b),
}


def _build(node: ast.expr, names: set[str], source: str) -> Evaluator:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        # The digits as written, never through a float (1.00000000000000000001 stays exact).
        written = ast.get_source_segment(source, node) or str(node.value)
        constant = Decimal(written.replace("_", ""))
        if not constant.is_finite() or plausible(constant):
            raise FormulaError.of("formula.unusable_number", written=written)
        return lambda _inputs: constant
    if isinstance(node, ast.Name):
        name = node.id
        names.add(name)
        return lambda inputs: inputs[name]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _build(node.operand, names, source)
        if isinstance(node.op, ast.USub):
            return lambda inputs: -inner(inputs)
        return inner
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _build(node.left, names, source), _build(node.right, names, source)
        op = _OPS[type(node.op)]
        if isinstance(node.op, ast.Div):
            denominator = ast.unparse(node.right)
            if isinstance(node.right, ast.Constant) and node.right.value == 0:
                raise FormulaError.of("formula.divides_by_zero", expression=ast.unparse(node))

            def divide(inputs: Mapping[str, Decimal]) -> Decimal:
                bottom = right(inputs)
                if bottom == 0:
                    raise _ZeroDenominator(denominator)
                return op(left(inputs), bottom)

            return divide
        return lambda inputs: op(left(inputs), right(inputs))
    raise FormulaError.of("formula.not_allowed", expression=ast.unparse(node))


def compile_formula(source: str) -> Formula:
    """Parse ``source`` into a :class:`Formula`; raise :class:`FormulaError` if it is not one."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError.of("formula.unreadable", source=source, reason=exc.msg) from exc
    names: set[str] = set()
    evaluator = _build(tree.body, names, source.strip())
    return Formula(source.strip(), frozenset(names), evaluator)


def evaluate(
    formula: Formula, inputs: Mapping[str, Decimal], names_th: Mapping[str, str] | None = None
) -> Decimal:
    """Evaluate ``formula`` on ``inputs``; missing inputs and bad arithmetic are FormulaErrors.

    ``names_th`` names inputs in the Thai messages by id ('budget' → 'งบประมาณ (budget)').
    """
    named = names_th or {}
    missing = sorted(formula.names - inputs.keys())
    if missing:
        names = Both(", ".join(missing), ", ".join(named.get(n, n) for n in missing))
        raise FormulaError.of("formula.missing_inputs", formula=formula.source, names=names)
    try:
        return formula.evaluate(inputs)
    except _ZeroDenominator as exc:
        if exc.denominator not in named:
            raise
        denominator = Both(exc.denominator, named[exc.denominator])
        raise FormulaError.of("formula.zero_denominator", denominator=denominator) from exc
    except (DivisionByZero, InvalidOperation) as exc:
        raise FormulaError.of(
            "formula.cannot_compute", formula=formula.source, reason=str(exc)
        ) from exc


def growth(current: Decimal, previous: Decimal) -> Decimal:
    """Growth rate in percent: (current − previous) / |previous| × 100."""
    if previous == 0:
        raise FormulaError.of("formula.growth_from_zero")
    return CONTEXT.divide(CONTEXT.multiply(current - previous, Decimal(100)), abs(previous))


def substitute(source: str, inputs: Mapping[str, Decimal]) -> str:
    """The formula with each input as its value ('trade_value / budget' → '205000 / 539.5')."""

    class _Values(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            if node.id in inputs:
                return ast.Name(id=f"{inputs[node.id]:,}", ctx=node.ctx)
            return node

    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return source
    return ast.unparse(_Values().visit(tree))


def rename(source: str, names: Mapping[str, str]) -> str:
    """The formula with inputs by their names ('trade_value / budget' → 'มูลค่าการค้า / งบประมาณ')."""

    class _Names(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            return ast.Name(id=names.get(node.id, node.id), ctx=node.ctx)

    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return source
    return ast.unparse(_Names().visit(tree))
