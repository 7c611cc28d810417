// Display names of translation providers and languages (i18n keys; an unknown id shows as itself).
import type { TFunction } from "i18next";

export const providerName = (t: TFunction, id: string): string => t(`translation.providers.${id}`, { defaultValue: id });
export const languageName = (t: TFunction, code: string): string => t(`translation.languages.${code}`, { defaultValue: code });
