import type { TFunction } from "i18next";
import { ApiError, NetworkError } from "../../api/http";

/** A user-facing sentence for an API failure, by its stable problem `code`. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof NetworkError) return t("errors.network");
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    const text = t(key);
    return text === key ? t("errors.generic", { message: error.message || error.code }) : text;
  }
  return t("errors.generic", { message: error instanceof Error ? error.message : String(error) });
}
