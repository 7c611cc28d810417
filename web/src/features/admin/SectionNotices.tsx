// What an admin section says about the last thing done in it: an error (announced at once) or a quiet status line.
export function SectionNotices({ error, status }: { error: string | null; status: string | null }) {
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </>
  );
}
