#!/bin/bash
# usage: explain.sh <user> <team> <role> <mode new|old> <deep offset>
. /tmp/pgenv
U=$1; T=$2; R=$3; MODE=$4; DEEP=$5
HEAD=$([ "$R" = 1 ] && echo true || echo false)
REACHF="((r0.kind = 1 AND r0.principal_id = $U) OR (r0.kind = 2 AND $HEAD AND r0.principal_id = $T) OR (r0.kind = 3 AND r0.principal_id = $T))"
NEWF="(c.assigned_rm_id = $U OR ($HEAD AND c.team_id = $T) OR EXISTS (SELECT 1 FROM client_reach r0 WHERE r0.client_id = c.id AND $REACHF))"
OLDF="(c.assigned_rm_id = $U OR ($HEAD AND c.team_id = $T) OR EXISTS (SELECT 1 FROM service_requests s WHERE s.client_id = c.id) OR EXISTS (SELECT 1 FROM queries q WHERE q.client_id = c.id))"
COLS="c.id, c.name, c.pan, c.assigned_rm_id, c.team_id"
if [ "$MODE" = new ]; then
  SRC="(SELECT $COLS FROM clients c WHERE $NEWF AND c.assigned_rm_id = $U
    UNION ALL SELECT $COLS FROM clients c WHERE $NEWF AND $HEAD AND c.team_id = $T AND c.assigned_rm_id <> $U
    UNION ALL SELECT $COLS FROM clients c WHERE $NEWF AND EXISTS (SELECT 1 FROM client_reach r WHERE r.client_id = c.id AND $(echo "$REACHF" | sed 's/r0\./r./g'))
      AND c.assigned_rm_id <> $U AND NOT ($HEAD AND c.team_id IS NOT DISTINCT FROM $T))"
elif [ "$MODE" = plain ]; then SRC="(SELECT $COLS FROM clients c WHERE $NEWF)"
else
  SRC="(SELECT $COLS FROM clients c WHERE $OLDF)"
fi
POLICY_SWAP=""
if [ "$MODE" = old ]; then
  # the StoredOwnership policy on clients (array of reached clients computed per statement), for the "before" plans
  POLICY_SWAP="DROP POLICY app_select ON clients; CREATE POLICY app_select ON clients FOR SELECT TO jlnb_app USING ((SELECT crm_actor_role()) = 0 OR assigned_rm_id = (SELECT crm_actor_id()) OR ((SELECT crm_actor_role()) = 1 AND team_id = (SELECT crm_actor_team())) OR id = ANY ((SELECT crm_reached_client_ids())::bigint[]));"
fi
CURSOR=$(printf "%s\n" "BEGIN; $POLICY_SWAP SELECT set_config('role','jlnb_app',true), set_config('app.user_id','$U',true);
  SELECT quote_literal(name) || ',' || id FROM $SRC u ORDER BY name, id OFFSET $DEEP LIMIT 1; ROLLBACK;" | psql -At | grep -v 'jlnb_app|\|^BEGIN\|^ROLLBACK\|^DROP\|^CREATE' | tail -1)
CN=${CURSOR%,*}; CI=${CURSOR##*,}
for PAGE in first deep; do
  if [ $PAGE = first ]; then W="true"; else W="(u.name > $CN OR (u.name = $CN AND u.id > $CI))"; fi
  echo "=== $MODE $PAGE page (user $U role $R team $T) ==="
  printf "%s\n" "BEGIN; $POLICY_SWAP SELECT set_config('role','jlnb_app',true), set_config('app.user_id','$U',true), set_config('jit','off',true);
    EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM $SRC u WHERE $W ORDER BY u.name, u.id LIMIT 51; ROLLBACK;" | psql -At | grep -v 'jlnb_app|\|^BEGIN\|^ROLLBACK\|^DROP\|^CREATE'
done
