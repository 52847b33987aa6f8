/**
 * The registry minting policy (Plutus V3), following ../shared/CONTRACT.md: one asset name under
 * the policy per transaction; Mint (redeemer constructor 0) mints exactly 1 of
 * blake2b-256(txId ‖ outputIndex as 4 bytes big-endian) of one of the transaction's inputs;
 * Burn (constructor 1) burns exactly 1.
 *
 * The first argument is the escrow address (Plutus Address data): it is not inspected, it only
 * gives every payment source its own policy id.
 */
import {
  bool,
  data,
  lam,
  list,
  pBool,
  pblake2b_256,
  pencodeIntBE,
  peqData,
  perror,
  pfn,
  pfstPair,
  phoist,
  pif,
  pisEmpty,
  plet,
  passert,
  precursive,
  psndPair,
  pBSToData,
  punBData,
  punIData,
  punListData,
  unit,
} from '@harmoniclabs/plu-ts';
import { pconstr, pfields, ptokensOf, punMapData, withCursors } from './helpers.js';

const MINT = 0;
const BURN = 1;

/** Some input's output reference hashes to `name` (bytes data). */
const pnameFromSomeInput = phoist(
  precursive(
    pfn([lam(data, lam(list(data), bool)), data, list(data)], bool)((self, name, inputs) =>
      pif(bool)
        .$(pisEmpty.$(inputs))
        .then(pBool(false))
        .else(
          plet(pfields(pfields(inputs.head).head)).in((outRef) =>
            peqData
              .$(name)
              .$(
                pBSToData.$(
                  pblake2b_256.$(punBData.$(outRef.head).concat(pencodeIntBE.$(4).$(punIData.$(outRef.tail.head)))),
                ),
              )
              .or(self.$(name).$(inputs.tail)),
          ),
        ),
    ),
  ),
);

export const registryPolicy = pfn([data, data], unit)((_escrowAddress, ctx) =>
  passert.$(
    withCursors(pfields(ctx), 3, (context) =>
      plet(pconstr(context[2]!.head)).in((info) =>
        pif(bool)
          .$(info.raw.index.eq(0))
          .then(
            withCursors(pfields(context[0]!.head), 5, (tx) =>
              plet(ptokensOf.$(info.raw.fields.head).$(punMapData.$(tx[4]!.head))).in((tokens) =>
                plet(tokens.head).in((token) =>
                  plet(punIData.$(psndPair(data, data).$(token))).in((quantity) =>
                    plet(pconstr(context[1]!.head).raw.index).in((action) =>
                      pisEmpty
                        .$(tokens.tail)
                        .and(
                          action
                            .eq(MINT)
                            .and(quantity.eq(1))
                            .and(pnameFromSomeInput.$(pfstPair(data, data).$(token)).$(punListData.$(tx[0]!.head)))
                            .or(action.eq(BURN).and(quantity.eq(-1))),
                        ),
                    ),
                  ),
                ),
              ),
            ),
          )
          .else(perror(bool)),
      ),
    ),
  ),
);
