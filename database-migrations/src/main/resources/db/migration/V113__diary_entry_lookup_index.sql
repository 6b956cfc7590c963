-- Editing or deleting a diary entry starts from its id alone (PUT/DELETE /api/me/diary/{entryId}): the command finds
-- the film whose stream holds the entry's DiaryEntryLogged. Until now that read every event of the person (the
-- user id leads the stream index) and looked into each payload: thousands for a MovieLens user with a long history.
-- This index holds the diary's first events only; the lookup names the type as a literal so the planner can use it.
create index rating_events_diary_entries on rating_events (user_id, (payload ->> 'entryId'))
    where payload ->> 'type' = 'DiaryEntryLogged';
