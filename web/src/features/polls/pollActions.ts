// Poll operations. Results reach every member as poll.updated events; the caller's own choice comes back in the answer.
import { pollsApi } from "../../api/endpoints";
import type { CreatePollRequest, MessageDto, PollDetailDto } from "../../api/types";
import { newClientMsgId } from "../../core";
import { setMyPollState } from "./myPolls";

function remember(meId: number, detail: PollDetailDto): PollDetailDto {
  const { poll } = detail;
  setMyPollState(meId, { pollId: poll.id, messageId: poll.messageId, conversationId: 0, optionIds: detail.myOptionIds, signedUp: detail.mySignup != null });
  return detail;
}

export const createPoll = (conversationId: number, request: Omit<CreatePollRequest, "clientMsgId">): Promise<MessageDto> =>
  pollsApi.create(conversationId, { ...request, clientMsgId: newClientMsgId() });

export const vote = async (meId: number, pollId: number, optionIds: number[]) => remember(meId, await pollsApi.vote(pollId, optionIds));
export const signUp = async (meId: number, pollId: number, text: string) => remember(meId, await pollsApi.signUp(pollId, text));
export const editSignup = async (meId: number, pollId: number, text: string) => remember(meId, await pollsApi.editSignup(pollId, text));
export const removeSignup = async (meId: number, pollId: number) => remember(meId, await pollsApi.removeSignup(pollId));
export const closePoll = async (meId: number, pollId: number) => remember(meId, await pollsApi.close(pollId));
/** Full results: every voter of a named poll, every entry of a chain (a message's summary carries the first 50). */
export const loadPoll = (pollId: number) => pollsApi.get(pollId);
