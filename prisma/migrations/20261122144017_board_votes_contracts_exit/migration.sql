-- CreateTable
CREATE TABLE "BoardVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trailId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "rule" TEXT NOT NULL,
    "inhabitantsYear" INTEGER NOT NULL,
    "weightFor" INTEGER NOT NULL,
    "weightAgainst" INTEGER NOT NULL,
    "weightAbstained" INTEGER NOT NULL,
    "weightAbsent" INTEGER NOT NULL,
    "adopted" BOOLEAN NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BoardVote_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BoardBallot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "voteId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "member" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    CONSTRAINT "BoardBallot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "BoardVote" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BoardBallotMunicipality" (
    "ballotId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "inhabitants" INTEGER NOT NULL,

    PRIMARY KEY ("ballotId", "municipalityId"),
    CONSTRAINT "BoardBallotMunicipality_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "BoardBallot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BoardBallotMunicipality_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "parties" TEXT NOT NULL DEFAULT '',
    "startsOn" DATETIME,
    "firstTermEndsOn" DATETIME NOT NULL,
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "extensionMonths" INTEGER NOT NULL DEFAULT 12,
    "tacit" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ExitEstimate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trailId" TEXT NOT NULL,
    "annualContributionCents" BIGINT,
    "multipleHundredths" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExitEstimate_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BoardVote_trailId_idx" ON "BoardVote"("trailId");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_name_key" ON "Contract"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ExitEstimate_trailId_key" ON "ExitEstimate"("trailId");
