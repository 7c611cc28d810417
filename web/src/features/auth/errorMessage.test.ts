import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/http";
import { en } from "../../i18n/en";
import { zhCN } from "../../i18n/zh-CN";
import { errorMessage } from "./errorMessage";

async function translator(lng: "en" | "zh-CN") {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, "zh-CN": { translation: zhCN } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe("errorMessage", () => {
  it("weakPassword_IsWordedByTheRule_NotTheGenericFailure", async () => {
    // The server refuses common passwords and ones containing the username with the stable code weak_password.
    const error = new ApiError(400, "weak_password", "The password is one of the most common passwords; choose one that is harder to guess.");
    expect(errorMessage(await translator("en"), error)).toBe("That password is too easy to guess: it is a common password or contains the username.");
    expect(errorMessage(await translator("zh-CN"), error)).toBe("该密码太容易被猜到：它是常见密码，或包含用户名。");
  });
});
