import { totpApi } from "../../api/endpoints";
import type { RecoveryCodesDto, TotpEnrollmentDto } from "../../api/types";

export const beginTotp = (): Promise<TotpEnrollmentDto> => totpApi.begin();
export const confirmTotp = (code: string): Promise<RecoveryCodesDto> => totpApi.confirm(code.replace(/\s+/g, ""));
export const disableTotp = (password: string) => totpApi.disable({ password });
