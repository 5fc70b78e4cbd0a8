// A button that is a plain link the browser downloads (GET exports and reports: the server names
// the file and sends it as an attachment).
import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import type { ReactNode } from "react";

export function DownloadButton({
  href,
  testId,
  icon = <IconDownload size={16} />,
  children,
}: {
  href: string;
  testId: string;
  icon?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Button component="a" href={href} download variant="default" leftSection={icon} data-testid={testId}>
      {children}
    </Button>
  );
}
