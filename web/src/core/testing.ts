// Test data for unit tests of core and of features (not imported by application code).
export { conversation, created, message } from "./state/fixtures";
