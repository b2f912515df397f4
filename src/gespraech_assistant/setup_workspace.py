"""`gespraech init` and `gespraech demo`: create a workspace skeleton or copy the demo."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import bi
from gespraech_assistant.lists import CONTACT_COLUMNS, TARGET_COLUMNS
from gespraech_assistant.workspace import CONFIG_NAME

CONFIG_TEMPLATE = """# Gesprächs-Assistent workspace settings
language = "{language}"   # "de" or "en": the language of messages, briefs and drafts

# [llm]                    # optional: an OpenAI-compatible model makes texts better
# model = "gpt-4o-mini"    # the API key comes from the environment only (OPENAI_API_KEY)
# base_url = "http://127.0.0.1:11434/v1"   # e.g. Ollama; contact data then stays local
# structured_output = "json_schema"        # json_schema | function_calling | json_mode | prompt_json

# [index]
# url = "http://localhost:8000"            # optional Chroma server instead of .index/
"""

PROFILE_TEMPLATE = {
    "de": """# Mein Profil

## Hintergrund
<!-- Ausbildung, Stationen, Branchen: drei bis fünf Sätze. -->

## Stärken
<!-- Was können Sie besonders gut? Belegen Sie es mit einem Beispiel. -->

## Zielrollen und Branchen
<!-- Welche Rollen, in welchen Branchen und Regionen suchen Sie? -->

## Was ich anbiete
<!-- Was haben Ihre Gesprächspartner davon? Wissen, Kontakte, Erfahrung, die für sie nützlich sind. -->
""",
    "en": """# My profile

## Background
<!-- Education, positions, industries: three to five sentences. -->

## Strengths
<!-- What are you especially good at? Back it with an example. -->

## Target roles and industries
<!-- Which roles, in which industries and regions? -->

## What I offer
<!-- What does a conversation partner gain? Knowledge, contacts, experience useful to them. -->
""",
}

README_TEMPLATE = {
    "de": """# Ihr Gesprächs-Assistent-Arbeitsbereich

- `profile.md` – Ihr Profil und Ihr Angebot (bitte ausfüllen)
- `contacts.csv` – Kontaktnetzliste (in Excel bearbeitbar)
- `targets.csv` – Zielfirmenliste
- `notes/` – Ihre Recherchenotizen als Markdown (optional mit Kopfzeilen company, person, topic, source, date)
- `history/` – Gesprächsnachbearbeitungen und Übungsprotokolle
- `.index/` – abgeleiteter Suchindex; kann jederzeit gelöscht werden

Erste Schritte: `gespraech contacts add "Name" --company Firma`, Notizen in `notes/` ablegen,
dann `gespraech index` und `gespraech ask "Frage"`.
""",
    "en": """# Your Gesprächs-Assistent workspace

- `profile.md` – your profile and what you offer (please fill in)
- `contacts.csv` – contact network list (editable in a spreadsheet)
- `targets.csv` – target company list
- `notes/` – your research notes in Markdown (optional front matter company, person, topic, source, date)
- `history/` – debriefs and rehearsal transcripts
- `.index/` – derived search index; safe to delete at any time

First steps: `gespraech contacts add "Name" --company Company`, put notes into `notes/`,
then `gespraech index` and `gespraech ask "question"`.
""",
}


def init_workspace(folder: Path, language: str = "de") -> list[str]:
    """Creates what is missing; never overwrites a user's file. Returns the created paths."""
    if language not in ("de", "en"):
        raise UsageError(
            bi(de="Unbekannte Sprache {l!r}.", en="Unknown language {l!r}.", l=language),
            bi(de="--language de oder --language en angeben.", en="Use --language de or en."),
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            bi(
                de="{f} existiert und ist kein Ordner.",
                en="{f} exists and is not a folder.",
                f=folder,
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        CONFIG_NAME: CONFIG_TEMPLATE.format(language=language),
        "contacts.csv": ",".join(CONTACT_COLUMNS) + "\n",
        "targets.csv": ",".join(TARGET_COLUMNS) + "\n",
        "profile.md": PROFILE_TEMPLATE[language],
        "README.md": README_TEMPLATE[language],
    }
    created = []
    for name, content in files.items():
        path = folder / name
        if not path.exists():
            path.write_text(content, encoding="utf-8")
            created.append(name)
    for sub in ("notes", "history"):
        if not (folder / sub).exists():
            (folder / sub).mkdir()
            created.append(sub + "/")
    return created


def demo_source() -> Path:
    return Path(str(resources.files("gespraech_assistant") / "demo_workspace"))


def copy_demo(folder: Path) -> bool:
    """Copies the demo workspace; returns False when the folder already is one (re-run)."""
    if (folder / CONFIG_NAME).is_file():
        return False
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(
            bi(
                de="{f} ist nicht leer und kein Arbeitsordner; die Demo braucht einen "
                "eigenen Ordner.",
                en="{f} is not empty and not a workspace; the demo needs its own folder.",
                f=folder,
            ),
            bi(
                de="Einen anderen Ordner angeben: gespraech demo ORDNER",
                en="Pass another folder: gespraech demo DIR",
            ),
        )
    shutil.copytree(
        demo_source(),
        folder,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", ".index"),
    )
    return True
