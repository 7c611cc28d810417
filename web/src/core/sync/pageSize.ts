/** Messages per history page: the latest page when a conversation opens, and each older page. */
export const PAGE_SIZE = 50;
