-- Per-user write limit shared by every command function instance: a fixed one-minute window per user.
create table ops.write_quota (
    user_id      text primary key,
    window_start timestamptz not null,
    writes       int         not null
);
