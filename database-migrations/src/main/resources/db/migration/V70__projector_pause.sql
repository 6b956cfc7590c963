-- Whether an operator paused the projector for maintenance (issue 17), by whom, when and why. Locally the
-- runtime's SQS poller reads it before every receive; on AWS the ops function disables the event source
-- mapping and records the switch here, so `ops status` says so either way. One row, always there.
create table ops.projector_control (
    singleton  boolean primary key default true check (singleton),
    paused     boolean     not null default false,
    changed_by text,
    changed_at timestamptz,
    reason     text check (length(reason) between 1 and 500)
);

insert into ops.projector_control (singleton) values (true);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'movie_ratings_ops') then
        grant select, update (paused, changed_by, changed_at, reason) on ops.projector_control
            to movie_ratings_ops;
    end if;
end
$$;
