-- CreateTable
CREATE TABLE "MailPreference" (
    "userId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,

    PRIMARY KEY ("userId", "category"),
    CONSTRAINT "MailPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
