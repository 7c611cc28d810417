import type { ReactNode } from "react";
import "./SecretOnce.css";

/** A secret the server shows once (an invitation link, a SCIM token): the warning, the value, and any action beside it. */
export function SecretOnce({ testId, warning, secret, children }: { testId: string; warning: string; secret: string; children?: ReactNode }) {
  return (
    <div className="admin-card secret-box" data-testid={testId}>
      <p>{warning}</p>
      <code className="secret">{secret}</code>
      {children}
    </div>
  );
}
