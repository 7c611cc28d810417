// Steps in the admin console that several specs take the way an administrator would.

/** Departments → add each [name, parentName|null] in order (parents first); waits until each shows in the tree. */
export async function addDepartments(page, entries) {
  await page.getByTestId("admin-nav-departments").click();
  const create = page.getByTestId("department-create");
  for (const [name, parent] of entries) {
    await create.locator('input[name="name"]').fill(name);
    const select = create.locator('select[name="parent"]');
    await select.selectOption(parent ? await select.locator("option", { hasText: parent }).getAttribute("value") : "");
    await create.locator("button[type=submit]").click();
    await page.getByTestId(`admin-dept-${name}`).waitFor();
  }
}

/** Users → New user with the defaults (must change the password at first sign-in, which must be ticked already). */
export async function createUserMustChange(page, { username, displayName, password }) {
  await page.getByTestId("admin-nav-users").click();
  await page.getByTestId("admin-new-user").click();
  const form = page.getByTestId("create-user-form");
  await form.locator('input[name="displayName"]').fill(displayName);
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  if (!(await form.locator('input[name="mustChangePassword"]').isChecked())) throw new Error("must-change should be the default for a new user");
  await form.locator("button[type=submit]").click();
  await page.getByTestId(`admin-user-${username}`).waitFor();
}

/** Signs in with the password an administrator chose: the client shows only the change-password step. */
export async function signInWithChosenPassword(page, url, username, password) {
  await page.goto(url);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.getByTestId("required-step").waitFor();
}

/** The change-password step: current and new password; waits until the chat (the user's name) shows. */
export async function changeRequiredPassword(page, current, next) {
  await page.getByTestId("required-current").fill(current);
  await page.getByTestId("required-new").fill(next);
  await page.getByTestId("required-confirm").fill(next);
  await page.getByTestId("required-submit").click();
  await page.getByTestId("me-name").waitFor();
}
