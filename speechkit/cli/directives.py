"""`speechkit directives`: the numbered outline of each speech, as a tree, a table or rows."""

from __future__ import annotations

import click
import pandas as pd

from speechkit.analyzers import directives as directives_analyzer
from speechkit.cli.common import corpus_input, table_output


def outline_tree(frame: pd.DataFrame):
    """A rich ``Tree`` per speech, built from outline rows (``path`` gives the nesting)."""
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree("[bold]directives[/bold]", hide_root=True)
    for speech, rows in frame.groupby("speech", sort=False):
        branch = root.add(f"[bold]{escape(str(speech))}[/bold]")
        nodes: dict[str, Tree] = {}
        for row in rows.itertuples(index=False):
            parent_path = row.path.rpartition(".")[0]
            parent = nodes.get(parent_path, branch)
            if parent_path and parent_path not in nodes:  # the virtual intro item 0
                parent = nodes[parent_path] = branch.add("[dim](before the outline)[/dim]")
            heading = row.heading if len(row.heading) <= 40 else row.heading[:39] + "…"
            label = f"[cyan]{escape(row.marker)}[/cyan] {escape(heading)}"
            nodes[row.path] = parent.add(label)
    return root


@click.command()
@corpus_input
@table_output
@click.option("--tree", is_flag=True, help="Draw each speech's outline as a tree.")
@click.option(
    "--check",
    is_flag=True,
    help="Report announcements (讲五点意见, 从三个方面…) and whether the list that follows has "
    "that many items. Columns: speech, phrase, announced, found, ok.",
)
def directives(corpus, output, tree, check):
    """The numbered outline of each speech: 一、 > （一） > 1. > （1） > 第一， > 一是/一要.

    Columns: speech, path (2.3 = third child of the second top-level item), level, number,
    marker, heading (first clause), start, end (offsets into the raw file). Level 1 is the
    highest marker style present in the speech; lists before the first top-level item sit
    under path 0; an appendix (附件N) is one more top-level item with its own outline.

    \b
    Examples:
      speechkit directives corpus/speeches_2022_traditional_dump.txt --tree
      speechkit directives corpus/speeches_2022_traditional_dump.txt --csv
      speechkit directives corpus/speeches_2022_traditional_dump.txt --check
    """
    if tree and check:
        raise click.UsageError("--tree draws the outline; --check makes a table. Pick one.")
    if tree and output.fmt:
        raise click.UsageError("--tree cannot be combined with --csv, --json or --table.")
    frame = directives_analyzer.analyze(corpus, check=check)
    if tree:
        from rich.console import Console

        if output.path and output.path != "-":
            with open(output.path, "w", encoding="utf-8") as stream:
                Console(file=stream, width=120).print(outline_tree(frame))
        else:
            Console(file=output.stream).print(outline_tree(frame))
        return
    output.emit(frame, title="Announcements" if check else "Directives")
