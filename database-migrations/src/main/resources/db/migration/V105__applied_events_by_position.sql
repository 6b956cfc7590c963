-- Issue 18: the projector's record of applied events is keyed by the event's position only. Every batch
-- inserted each event into two unique indexes, one of them on a random UUID (an insert anywhere in the tree);
-- the position already names the event (rating_events' primary key), grows with every append and is what the
-- watermark, verify, ops and the rebuild look it up by. A lookup by event id goes through rating_events.
-- The grants are unchanged: the same roles read and insert the same table (V82's projection.grant_access()).
alter table projection.applied_events drop column event_id;
-- the unique constraint on position becomes the primary key (one index build over the rows applied since the
-- last rebuild, which leaves this table empty)
alter table projection.applied_events drop constraint applied_events_position_key, add primary key (position);
