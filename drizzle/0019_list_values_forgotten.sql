-- A value typed into a Didit list (an e-mail, a phone number, a document number) is personal data that
-- we hold only to deliver it: it sits on the action's params and in its outbox payload while the action
-- can still be sent (awaiting approval, pending, retrying, failed and retryable). Once the action is
-- over (applied, rejected or abandoned) the value is dropped from both; the action keeps its mask
-- (`maskedValue`). A trigger, so that no code path that ends an action can forget to do it, and in the
-- same transaction as the status change (docs/providers/didit.md, "Lists").
CREATE TRIGGER case_actions_forget_list_value AFTER UPDATE OF status ON case_actions
  WHEN NEW.type = 'list_entry_add'
    AND NEW.status IN ('applied', 'rejected', 'abandoned')
    AND json_extract(NEW.params, '$.value') IS NOT NULL BEGIN
  UPDATE case_actions SET params = json_remove(params, '$.value') WHERE id = NEW.id;
  UPDATE outbox SET payload = json_remove(payload, '$.value') WHERE action_id = NEW.id;
END;
--> statement-breakpoint
UPDATE outbox SET payload = json_remove(payload, '$.value')
  WHERE action_id IN (
    SELECT id FROM case_actions
      WHERE type = 'list_entry_add' AND status IN ('applied', 'rejected', 'abandoned')
        AND json_extract(params, '$.value') IS NOT NULL
  );
--> statement-breakpoint
UPDATE case_actions SET params = json_remove(params, '$.value')
  WHERE type = 'list_entry_add' AND status IN ('applied', 'rejected', 'abandoned')
    AND json_extract(params, '$.value') IS NOT NULL;
