// Chinese strings of live updates (see en-live.ts).
import type { live as english } from "./en-live.ts";
import type { Translation } from "./translation.ts";

export const live: Translation<typeof english, "zh"> = {
  connecting: "正在连接…",
  live: "实时",
  reconnecting: "正在重新连接…",
  liveHint: "新的和已更改的条目一经与您共享即显示在此处。",
  reconnectingHint: "实时更新已中断；恢复后列表将自动刷新。",
};
