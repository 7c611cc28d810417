// The admin console's sections: each is one entry here, shown to users holding any of its permissions (the server
// still authorizes every call). To add a section: write its component in its own feature folder (default export,
// loaded on demand), add its label under "admin.sections" in both i18n files, and add one line below.
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { UserDto } from "../../api/types";

export interface AdminSection {
  /** The route segment: #/admin/<id>. Lower-case letters, digits and '-'. */
  id: string;
  /** i18n key of the label in the console's navigation. */
  labelKey: string;
  /** Shown when the user holds any of these (see Contracts/Identity.cs Permissions). */
  permissions: readonly string[];
  component: LazyExoticComponent<ComponentType>;
}

export const adminSections: AdminSection[] = [
  { id: "dashboard", labelKey: "admin.sections.dashboard", permissions: ["system.manage"], component: lazy(() => import("./dashboard/DashboardSection")) },
  { id: "users", labelKey: "admin.sections.users", permissions: ["users.manage"], component: lazy(() => import("./users/UsersSection")) },
  { id: "health", labelKey: "admin.sections.health", permissions: ["system.manage"], component: lazy(() => import("./health/HealthSection")) },
  { id: "emoji", labelKey: "admin.sections.emoji", permissions: ["system.manage"], component: lazy(() => import("./emoji/EmojiSection")) },
  { id: "content-rules", labelKey: "admin.sections.contentRules", permissions: ["compliance.read", "compliance.manage"], component: lazy(() => import("./moderation/ContentRulesSection")) },
  { id: "flagged", labelKey: "admin.sections.flagged", permissions: ["compliance.read", "compliance.manage"], component: lazy(() => import("./moderation/FlaggedSection")) },
  { id: "retention", labelKey: "admin.sections.retention", permissions: ["compliance.read", "compliance.manage"], component: lazy(() => import("./retention/RetentionSection")) },
  { id: "exports", labelKey: "admin.sections.exports", permissions: ["compliance.read"], component: lazy(() => import("./exports/ExportsSection")) },
  { id: "conversations", labelKey: "admin.sections.conversations", permissions: ["conversations.manage"], component: lazy(() => import("./conversations/ConversationsSection")) },
  { id: "knowledge", labelKey: "admin.sections.knowledge", permissions: ["knowledge.manage"], component: lazy(() => import("./knowledge/KnowledgeSection")) },
  { id: "service", labelKey: "admin.sections.service", permissions: ["service.manage"], component: lazy(() => import("./service/ServiceSection")) },
  { id: "invitations", labelKey: "admin.sections.invitations", permissions: ["users.manage"], component: lazy(() => import("./invitations/InvitationsSection")) },
  { id: "bots", labelKey: "admin.sections.bots", permissions: ["integrations.manage"], component: lazy(() => import("./bots/BotsSection")) },
  { id: "provisioning", labelKey: "admin.sections.provisioning", permissions: ["users.manage"], component: lazy(() => import("./provisioning/ProvisioningSection")) },
  { id: "personal-data", labelKey: "admin.sections.personalData", permissions: ["compliance.manage"], component: lazy(() => import("../personaldata/PersonalDataSection")) },
  { id: "departments", labelKey: "admin.sections.departments", permissions: ["users.manage"], component: lazy(() => import("./departments/DepartmentsSection")) },
  { id: "webhooks", labelKey: "admin.sections.webhooks", permissions: ["integrations.manage"], component: lazy(() => import("./webhooks/WebhooksSection")) },
  { id: "audit", labelKey: "admin.sections.audit", permissions: ["audit.read"], component: lazy(() => import("./audit/AuditSection")) },
  { id: "settings", labelKey: "admin.sections.settings", permissions: ["system.manage"], component: lazy(() => import("./settings/SettingsSection")) },
  { id: "security", labelKey: "admin.sections.security", permissions: ["system.manage"], component: lazy(() => import("./security/SecuritySection")) },
  { id: "sso", labelKey: "admin.sections.sso", permissions: ["system.manage"], component: lazy(() => import("./sso/SsoSection")) },
  { id: "embedding", labelKey: "admin.sections.embedding", permissions: ["integrations.manage"], component: lazy(() => import("./embedding/EmbeddingSection")) },
  { id: "ldap", labelKey: "admin.sections.ldap", permissions: ["system.manage"], component: lazy(() => import("./ldap/LdapSection")) },
  { id: "translation", labelKey: "admin.sections.translation", permissions: ["system.manage"], component: lazy(() => import("./translation/TranslationSection")) },
];

export function canSee(me: Pick<UserDto, "permissions"> | null | undefined, section: Pick<AdminSection, "permissions">): boolean {
  const held = me?.permissions ?? [];
  return section.permissions.some((p) => held.includes(p));
}

export function visibleSections(me: Pick<UserDto, "permissions"> | null | undefined, sections: readonly AdminSection[] = adminSections): AdminSection[] {
  return sections.filter((s) => canSee(me, s));
}
