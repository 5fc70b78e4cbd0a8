// The SHA-256 of a file, computed where the file is (the browser): evidence is registered by its
// hash, and the file itself never leaves the computer.

/** The SHA-256 of a file (or any blob), in lowercase hexadecimal. */
export async function sha256Of(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
