// Own avatar: upload with the chosen square, or remove; then the signed-in user is read again (my record keeps its
// private fields), and the server's user.updated event brings the change to everyone else's screens.
import { usersApi } from "../../api/endpoints";
import type { Core } from "../../core";
import { refreshMe } from "../settings/settingsActions";
import type { Crop } from "./cropMath";

const SENDABLE = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

export async function saveOwnAvatar(core: Core, file: File, crop: Crop): Promise<void> {
  // The server decides by the bytes; a type it does not route (an empty or exotic one) goes as octet-stream.
  const body = SENDABLE.has(file.type) ? file : new Blob([file], { type: "application/octet-stream" });
  await usersApi.setAvatar(body, crop);
  await refreshMe(core);
}

export async function removeOwnAvatar(core: Core): Promise<void> {
  await usersApi.removeAvatar("me");
  await refreshMe(core);
}
