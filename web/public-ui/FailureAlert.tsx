/** What went wrong, on a light public page, announced at once (role=alert). */
export function FailureAlert({ message }: { message: string }) {
  return (
    <p className="alert" role="alert">
      {message}
    </p>
  );
}
