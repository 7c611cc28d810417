// Translation (issue 18): the calls the message action, the translation under a message and the settings make.
import { request } from "../../api/http";
import type { ConversationTranslationDto, TranslationDto, TranslationPreferencesDto, TranslationStatusDto } from "../../api/types";

export const translationApi = {
  status: () => request<TranslationStatusDto>("GET", "/translation"),
  translate: (messageId: number, targetLanguage: string) =>
    request<TranslationDto>("POST", `/messages/${messageId}/translations`, { body: { targetLanguage } }),
  preferences: () => request<TranslationPreferencesDto>("GET", "/users/me/translation"),
  setPreferences: (body: TranslationPreferencesDto) => request<TranslationPreferencesDto>("PUT", "/users/me/translation", { body }),
  conversation: (conversationId: number) => request<ConversationTranslationDto>("GET", `/conversations/${conversationId}/translation`),
  setConversation: (conversationId: number, autoTranslate: boolean) =>
    request<ConversationTranslationDto>("PUT", `/conversations/${conversationId}/translation`, { body: { autoTranslate } }),
};
