// An entry's body: Markdown with GitHub's tables and lists (remark-gfm). Raw HTML is dropped,
// never rendered, and react-markdown's URL filter keeps javascript: links out. Headings move two
// levels down, under the entry's title; links leave the app in a new tab.
import { Anchor, Table, Typography } from "@mantine/core";
import type { ComponentProps, JSX } from "react";
import Markdown, { type Components } from "react-markdown";
import { Link } from "react-router";
import remarkGfm from "remark-gfm";

type Props<T extends keyof JSX.IntrinsicElements> = ComponentProps<T> & { node?: unknown };

const components: Components = {
  h1: ({ node: _node, ...props }: Props<"h3">) => <h3 {...props} />,
  h2: ({ node: _node, ...props }: Props<"h3">) => <h3 {...props} />,
  h3: ({ node: _node, ...props }: Props<"h4">) => <h4 {...props} />,
  h4: ({ node: _node, ...props }: Props<"h5">) => <h5 {...props} />,
  h5: ({ node: _node, ...props }: Props<"h6">) => <h6 {...props} />,
  a: ({ node: _node, href = "", children }: Props<"a">) =>
    href.startsWith("/") ? (
      <Anchor component={Link} to={href}>
        {children}
      </Anchor>
    ) : (
      <Anchor href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </Anchor>
    ),
  table: ({ node: _node, children }: Props<"table">) => (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder withColumnBorders striped>
        {children}
      </Table>
    </Table.ScrollContainer>
  ),
};

export function EntryMarkdown({ children }: { children: string }) {
  return (
    // Entries and posts are written in any language: their own first letter sets their direction.
    <Typography dir="auto">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {children}
      </Markdown>
    </Typography>
  );
}
