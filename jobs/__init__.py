"""Background jobs, whatever app they belong to: sending them, retrying them, finding lost ones.

Below the apps: `claims` and `sources` use it, it uses neither. A job is a database row with a
status (an article's extraction, a source's fetch, a verification run, an article's matching);
the Celery message only wakes a worker up for it. So a message may be lost (a broker restart, a
queue that was down when the job was created) or delivered twice without harm: tasks take their
row with a conditional update, and beat sends the message again for rows that have none
(`recovery`).
"""
