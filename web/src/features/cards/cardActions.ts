// A click on a card's button: the server calls the integration (signed) and returns its answer. An updated card
// also reaches every member as message.edited, which core applies; an ephemeral reply is kept for this user only.
import { cardsApi } from "../../api/endpoints";
import type { CardActionResultDto } from "../../api/types";
import { setEphemeral } from "./ephemeral";

export async function actOnCard(messageId: number, actionId: string, value: string | null | undefined, inputs: Record<string, string>): Promise<CardActionResultDto> {
  const result = await cardsApi.act(messageId, { actionId, value: value ?? null, inputs });
  if (result.ephemeral) setEphemeral(result.ephemeral);
  return result;
}
