"""Classic, quiet `--help` on typer >= 0.29.

typer 0.29 shows a type for every parameter (`--json <bool>`, `--company <str>`) and writes
required arguments as `{question}`. We show no type for flags, click's familiar names for
values (TEXT, INTEGER, PATH), choices as `auto|offline|llm`, and arguments as QUESTION /
[QUESTION]. Only typer's display hooks are wrapped, guarded so other typer versions keep
their own (already classic) help.
"""

from __future__ import annotations

_CLASSIC = {"str": "TEXT", "int": "INTEGER", "float": "FLOAT", "int range": "INTEGER RANGE"}
_CLASSIC.update({"float range": "FLOAT RANGE", "path": "PATH", "file": "FILE", "dir": "DIR"})


def _classic_type(param, original: str | None) -> str | None:
    if getattr(param, "is_bool_flag", False) or not original:
        return None
    label = original[1:-1] if original.startswith("<") and original.endswith(">") else original
    if "|" in label:  # choices: list them as they are typed
        return label
    return _CLASSIC.get(label, label.upper())


def _usage_name(param) -> str:
    name = (param.metavar or param.name or "").upper()
    name = name if param.required else f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


def _wrap_display_type(cls) -> None:
    original = cls.display_type_rich
    cls.display_type_rich = lambda self, ctx: _classic_type(self, original(self, ctx))


def tidy_help() -> None:
    try:
        from typer.core import TyperArgument, TyperOption, _TyperParameter
    except ImportError:  # older typer: click's classic help already
        return
    if getattr(_TyperParameter, "_gespraech_tidy", False):
        return
    for cls in (_TyperParameter, TyperOption):
        if "display_type_rich" in vars(cls):
            _wrap_display_type(cls)
    if hasattr(TyperArgument, "_usage_display_name"):
        TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]
    if hasattr(TyperArgument, "_rich_display_name"):
        original_name = TyperArgument._rich_display_name
        TyperArgument._rich_display_name = lambda self: original_name(self).upper()  # type: ignore[method-assign]
    _TyperParameter._gespraech_tidy = True  # type: ignore[attr-defined]
