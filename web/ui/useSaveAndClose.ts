import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

interface SaveAndClose {
  /** The call that saves (or deletes). */
  save: () => Promise<unknown>;
  /** The lists and records it changes: fetched again before the dialog closes, so what shows behind it is current. */
  refresh: QueryKey[];
  onClose: () => void;
}

/** A dialog's save: the server call, then the lists it changed fetched again, then the dialog closed. */
export function useSaveAndClose({ save, refresh, onClose }: SaveAndClose) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: async () => {
      for (const queryKey of refresh) await queryClient.invalidateQueries({ queryKey });
      onClose();
    },
  });
}
