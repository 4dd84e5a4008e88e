#!/bin/sh
# Stands where the Prisma CLI expects its native schema engine (see prisma/generate.ts).
echo "The native Prisma schema engine is not used in this project: run npm run db:deploy, db:migrate or db:status (WebAssembly engine)." >&2
exit 1
