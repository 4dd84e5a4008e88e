-- E-mail preferences per notification kind instead of per category: the column is renamed (no rebuild of
-- the table), each category row becomes a row for every kind of the category with the same frequency, and the
-- category rows go.
ALTER TABLE "MailPreference" RENAME COLUMN "category" TO "kind";

INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'trailStarted', "frequency" FROM "MailPreference" WHERE "kind" = 'trails';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'trailStep', "frequency" FROM "MailPreference" WHERE "kind" = 'trails';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'agendaProposed', "frequency" FROM "MailPreference" WHERE "kind" = 'trails';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'agendaAccepted', "frequency" FROM "MailPreference" WHERE "kind" = 'trails';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'agendaMoved', "frequency" FROM "MailPreference" WHERE "kind" = 'trails';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'positionLogged', "frequency" FROM "MailPreference" WHERE "kind" = 'positions';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'documentSent', "frequency" FROM "MailPreference" WHERE "kind" = 'documents';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'targetSet', "frequency" FROM "MailPreference" WHERE "kind" = 'documents';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'deadlineSet', "frequency" FROM "MailPreference" WHERE "kind" = 'documents';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'deadlineMoved', "frequency" FROM "MailPreference" WHERE "kind" = 'documents';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'sharedDraftPublished', "frequency" FROM "MailPreference" WHERE "kind" = 'documents';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'deadlineDueSoon', "frequency" FROM "MailPreference" WHERE "kind" = 'reminders';
INSERT INTO "MailPreference" ("userId", "kind", "frequency") SELECT "userId", 'deadlineOverdue', "frequency" FROM "MailPreference" WHERE "kind" = 'reminders';

DELETE FROM "MailPreference" WHERE "kind" IN ('trails', 'positions', 'documents', 'reminders');
