// Every table's cells carry their column's name (data-label), which table-cards.css shows above
// each value when a phone turns the rows into cards. One observer for the whole app, so every
// table gets it without each page labelling its cells: it relabels after the page changes, once
// per frame at most, and writes an attribute only when it differs (attributes are not observed).
import { useEffect } from "react";

function labelCells(table: HTMLTableElement): void {
  const head = table.tHead;
  const headerRow = head?.rows[head.rows.length - 1];
  if (!headerRow) return;
  const labels: string[] = [];
  for (const cell of Array.from(headerRow.cells)) {
    const label = (cell.textContent ?? "").trim();
    for (let span = 0; span < cell.colSpan; span += 1) labels.push(label);
  }
  for (const body of Array.from(table.tBodies))
    for (const row of Array.from(body.rows)) {
      let column = 0;
      for (const cell of Array.from(row.cells)) {
        // A cell across several columns (an empty row's message) is not any one column's value.
        const label = cell.colSpan > 1 ? "" : (labels[column] ?? "");
        if (cell.getAttribute("data-label") !== label) cell.setAttribute("data-label", label);
        column += cell.colSpan;
      }
    }
}

export function labelTables(root: ParentNode): void {
  for (const table of Array.from(root.querySelectorAll("table"))) labelCells(table);
}

/** Keeps every table under `document.body` labelled while mounted. */
export function useTableCardLabels(): void {
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        labelTables(document.body);
      });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    schedule();
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}
