// One's own avatar in the profile: the current picture, a new one chosen from a file and cut to a square here (drag or
// arrow keys to move, the slider, the wheel or +/− to zoom), saved, or removed. The server decodes and cuts again
// from the original bytes; this only chooses the square (cropMath.ts).
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from "react";
import { useTranslation } from "react-i18next";
import type { UserDto } from "../../api/types";
import { Avatar } from "../../ui/Avatar";
import { ErrorText } from "../../ui/ErrorText";
import { errorMessage } from "../auth/errorMessage";
import { initialCrop, keyStep, layout, minSize, pan, zoomTo, type Crop } from "./cropMath";
import { removeOwnAvatar, saveOwnAvatar } from "./profileActions";
import { useCore } from "../../core";
import "./profile.css";

/** Side of the square viewport, in CSS pixels (fits a 390 px phone inside the settings dialog). */
const VIEWPORT = 220;
const ACCEPTED = "image/png,image/jpeg,image/webp,image/gif";

interface Picture {
  file: File;
  url: string;
  width: number;
  height: number;
}

export function AvatarEditor({ me }: { me: UserDto }) {
  const { t } = useTranslation();
  const core = useCore();
  const input = useRef<HTMLInputElement>(null);
  // Saving or cancelling removes the focused button: focus goes back to "Change picture", not to the page.
  const chooseButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const [picture, setPicture] = useState<Picture | null>(null);
  const [crop, setCrop] = useState<Crop | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => () => {
    if (picture) URL.revokeObjectURL(picture.url);
  }, [picture]);

  useEffect(() => {
    if (!refocus.current || picture || busy) return;
    refocus.current = false;
    chooseButton.current?.focus();
  }, [picture, busy]);

  const choose = (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const url = URL.createObjectURL(file);
    const img = new Image();
    // naturalWidth/Height are the picture as shown (EXIF rotation applied), which is what the server cuts from.
    img.onload = () => {
      setPicture({ file, url, width: img.naturalWidth, height: img.naturalHeight });
      setCrop(initialCrop(img.naturalWidth, img.naturalHeight));
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      setError(t("avatar.notAnImage"));
    };
    img.src = url;
  };

  const cancel = () => {
    setPicture(null);
    setCrop(null);
    if (input.current) input.current.value = "";
    refocus.current = true;
  };

  const save = async () => {
    if (!picture || !crop) return;
    setBusy(true);
    setError(null);
    try {
      await saveOwnAvatar(core, picture.file, crop);
      cancel();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await removeOwnAvatar(core);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="avatar-editor" data-testid="avatar-editor">
      {picture && crop ? (
        <Cropper picture={picture} crop={crop} onChange={setCrop} />
      ) : (
        <Avatar name={me.displayName} id={me.id} size={72} url={me.avatarUrl} />
      )}
      <div className="avatar-editor-actions">
        <input
          ref={input}
          type="file"
          accept={ACCEPTED}
          hidden
          onChange={(e) => choose(e.currentTarget.files?.[0])}
          data-testid="avatar-file"
        />
        {picture ? (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void save()} data-testid="avatar-save">
              {t("avatar.save")}
            </button>
            <button type="button" disabled={busy} onClick={cancel}>
              {t("common.cancel")}
            </button>
          </>
        ) : (
          <>
            <button ref={chooseButton} type="button" disabled={busy} onClick={() => input.current?.click()} data-testid="avatar-choose">
              {me.avatarUrl ? t("avatar.change") : t("avatar.upload")}
            </button>
            {me.avatarUrl && (
              <button type="button" disabled={busy} onClick={() => void remove()} data-testid="avatar-remove">
                {t("avatar.remove")}
              </button>
            )}
          </>
        )}
        <p className="muted small">{picture ? t("avatar.cropHelp") : t("avatar.formats")}</p>
        <ErrorText error={error} />
      </div>
    </div>
  );
}

function Cropper({ picture, crop, onChange }: { picture: Picture; crop: Crop; onChange: (crop: Crop) => void }) {
  const { t } = useTranslation();
  const drag = useRef<{ x: number; y: number } | null>(null);
  const { width, height } = picture;
  const placed = layout(crop, VIEWPORT, width, height);
  const largest = Math.min(width, height);
  const smallest = minSize(width, height);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const dx = e.clientX - drag.current.x;
    const dy = e.clientY - drag.current.y;
    drag.current = { x: e.clientX, y: e.clientY };
    onChange(pan(crop, dx, dy, VIEWPORT, width, height));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = keyStep(crop, e.key, e.shiftKey, width, height);
    if (!next) return;
    e.preventDefault();
    onChange(next);
  };
  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    onChange(zoomTo(crop, crop.size * (e.deltaY > 0 ? 1.1 : 1 / 1.1), width, height));
  };

  return (
    <div className="avatar-cropper">
      <div
        className="avatar-crop-viewport"
        style={{ width: VIEWPORT, height: VIEWPORT }}
        tabIndex={0}
        role="group"
        aria-label={t("avatar.cropLabel")}
        aria-describedby="avatar-crop-position"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        onWheel={onWheel}
        data-testid="avatar-crop"
        data-crop={`${crop.x},${crop.y},${crop.size}`}
      >
        <img src={picture.url} alt="" draggable={false} style={{ left: placed.left, top: placed.top, width: placed.width, height: placed.height }} />
        <span className="avatar-crop-ring" aria-hidden="true" />
      </div>
      <span id="avatar-crop-position" className="sr-only" aria-live="polite">
        {t("avatar.cropPosition", { x: crop.x, y: crop.y, size: crop.size })}
      </span>
      <label className="field avatar-zoom">
        <span>{t("avatar.zoom")}</span>
        <input
          type="range"
          min={0}
          max={Math.max(0, largest - smallest)}
          value={largest - crop.size}
          disabled={largest === smallest}
          onChange={(e) => onChange(zoomTo(crop, largest - Number(e.currentTarget.value), width, height))}
          data-testid="avatar-zoom"
        />
      </label>
    </div>
  );
}
