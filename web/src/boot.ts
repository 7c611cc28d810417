// The first script the page runs (issue 22): a second, tiny entry that the build places before the main one
// (scripts/boot-entry.ts). It starts the signed-in first screen's requests (the chat chunk and its first API answers,
// app/startupPrefetch.ts) while the browser is still fetching React, instead of after React has loaded and run.
import { startupPrefetch } from "./app/startupPrefetch";

// Not in an embedded frame (/embed) nor on the visitor page (/visitor/<id>): they sign in with their own token, never
// the stored session.
if (!/^\/(?:embed\/?|visitor\/[^/]+\/?)$/.test(window.location.pathname)) startupPrefetch();
