"""`sitrep gazetteer build|add|info`: manage the place index the geocoder reads."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from sitrep.errors import BadInputError

DUMP_ARG = typer.Argument(None, help="GeoNames dump (SY.txt, SY.zip, allCountries.txt); with "
                          "--wof a WOF checkout folder or .tar.gz")
DOWNLOAD_OPT = typer.Option(None, "--download", help="country code to fetch, e.g. SY")
ALT_OPT = typer.Option(None, "--alternate-names", help="alternateNamesV2.txt to add names from")
ACLED_OPT = typer.Option(None, "--acled", help="ACLED export (CSV) whose event places to add")
WOF_OPT = typer.Option(False, "--wof", help="PATH (or --download CODE) is a Who's On First "
                       "country repository: a checkout folder or its .tar.gz")


def register(app: typer.Typer) -> None:
    """Add the `gazetteer` sub-commands to the main CLI."""
    sub = typer.Typer(help="Build, extend and inspect the place index (gazetteer).",
                      no_args_is_help=True)

    @sub.command("build")
    def build() -> None:
        """(Re)build the embedded index: towns of 500+, subdivisions, countries."""
        from sitrep.geo.index import build_index

        started = time.perf_counter()
        path = build_index()
        typer.echo(f"built {path} in {time.perf_counter() - started:.1f} s")

    @sub.command("add")
    def add(
        path: Path = DUMP_ARG,
        download: str = DOWNLOAD_OPT,
        alternate_names: Path = ALT_OPT,
        acled: Path = ACLED_OPT,
        wof: bool = WOF_OPT,
    ) -> None:
        """Add villages, neighbourhoods and landmarks from a GeoNames dump or a Who's On
        First repository (--wof), or the places of the events in an ACLED export."""
        from sitrep.geo.geonames import download as fetch
        from sitrep.geo.geonames import load_dump
        from sitrep.geo.index import data_dir

        if acled is not None:
            from sitrep.geo.acled_places import load_acled

            started = time.perf_counter()
            added, known = load_acled(acled)
            typer.echo(f"added {added} places from {acled} ({known} already known, now "
                       f"counted as event places) in {time.perf_counter() - started:.1f} s")
            if path is None and not download:
                return
        if wof:
            _add_wof(path, download)
            return
        if download:
            path = fetch(download, data_dir() / "downloads")
        if path is None:
            raise BadInputError("give a GeoNames dump PATH or --download COUNTRY")
        started = time.perf_counter()
        added = load_dump(path, alternate_names=alternate_names)
        typer.echo(f"added {added} places from {path} in {time.perf_counter() - started:.1f} s")

    def _add_wof(path: Path | None, download: str | None) -> None:
        from sitrep.geo.index import data_dir
        from sitrep.geo.wof import download as fetch_wof
        from sitrep.geo.wof import load_wof

        if download:
            path = fetch_wof(download, data_dir() / "downloads")
        if path is None:
            raise BadInputError("give --wof a WOF checkout folder or .tar.gz, or --download CODE")
        started = time.perf_counter()
        result = load_wof(path, progress=True)
        typer.echo(f"added {result.added} places from {path} ({result.merged} merged into "
                   f"places already known, {result.known} loaded before) in "
                   f"{time.perf_counter() - started:.1f} s")

    @sub.command("info")
    def info() -> None:
        """Where the index is and what it holds."""
        from sitrep.geo.index import Gazetteer, default_index_path

        gaz = Gazetteer.open(default_index_path())
        typer.echo(f"path: {gaz.path}")
        for kind, count in sorted(gaz.counts().items()):
            typer.echo(f"{kind}: {count}")
        for key, value in sorted(gaz.meta().items()):
            typer.echo(f"{key}: {value}")

    app.add_typer(sub, name="gazetteer")
