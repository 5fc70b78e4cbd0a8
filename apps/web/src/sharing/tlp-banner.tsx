// The TLP banner of a shared item in FIRST's colours (the label in colour on black, as TLP 2.0
// shows it), with the server's words for who may see it and what may be done with it.
import type { TlpMarking } from "@bulwark/core";
import { Group, Paper, Text } from "@mantine/core";

/** FIRST TLP 2.0 colours of the label's text (on black). */
export const TLP_COLOURS: Record<TlpMarking, string> = {
  clear: "#FFFFFF",
  green: "#33FF00",
  amber: "#FFC000",
  "amber+strict": "#FFC000",
  red: "#FF2B2B",
};

export function TlpBanner({ tlp, label, text }: { tlp: TlpMarking; label: string; text: string }) {
  return (
    <Paper
      radius="md"
      p="md"
      role="note"
      aria-label={label}
      data-testid="tlp-banner"
      style={{ background: "#000000", borderInlineStart: `8px solid ${TLP_COLOURS[tlp]}` }}
    >
      <Group gap="md" wrap="wrap" align="baseline">
        <Text ff="monospace" fw={800} size="lg" style={{ color: TLP_COLOURS[tlp] }}>
          {label}
        </Text>
        <Text size="sm" style={{ color: "#FFFFFF", flex: 1, minWidth: 220 }}>
          {text}
        </Text>
      </Group>
    </Paper>
  );
}
