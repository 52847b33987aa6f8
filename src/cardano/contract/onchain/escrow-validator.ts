/**
 * The escrow validator (Plutus V3, spend purpose only), following ../shared/CONTRACT.md.
 * Compiled by scripts/build-contract.ts; the node itself only loads the compiled blueprint.
 *
 * Script arguments: the parameters (EscrowParams data, applied per payment source), then the
 * script context. The datum, redeemer and parameters are read as raw data (see helpers.ts).
 */
import {
  bool,
  data,
  list,
  pConstrToData,
  peqData,
  perror,
  pfn,
  phoist,
  pif,
  pisEmpty,
  plet,
  pmatch,
  pnilData,
  pnot,
  passert,
  pprepend,
  punBData,
  punIData,
  punListData,
  punsafeConvertType,
  unit,
  type PBool,
  type PData,
  type PInt,
  type PList,
  type Term,
  type TermInt,
  type TermList,
} from '@harmoniclabs/plu-ts';
import { EscrowAction } from './types.js';
import { int as pint } from '@harmoniclabs/plu-ts';
import {
  pcountDistinctSigners,
  pemptyBytes,
  plovelaceOf,
  pconstant,
  pconstr,
  pcountInputsAt,
  pdrop,
  pfields,
  pfiniteTime,
  pincludesData,
  pnthOutputAt,
  ppaymentKeyHash,
  pvalueCovers,
  pvalueCoversFee,
  withCursors,
} from './helpers.js';

const FUNDS_LOCKED = 0;
const RESULT_SUBMITTED = 1;
const REFUND_REQUESTED = 2;
const DISPUTED = 3;

const NOTHING = 1;
const INLINE_DATUM = 2;

const ptails = (elems: TermList<PData>, n: number): TermList<PData> => (n === 0 ? elems : ptails(elems.tail, n - 1));

/**
 * The datum of the output that continues the escrow at position `inputIndex` of tx.inputs:
 * the k-th output at the script address for the k-th input at the script address. Ranks are
 * distinct for distinct inputs, so no output can continue two escrows. The output keeps
 * every asset, carries no reference script and has an inline datum.
 */
const pcontinuingDatum = phoist(
  pfn([list(data), list(data), data, pint], data)((inputs, outputs, ownRef, inputIndex) =>
    plet(pfields(pdrop.$(inputs).$(inputIndex).head)).in((own) =>
      plet(pfields(own.tail.head)).in((ownOut) =>
        plet(ownOut.head).in((address) =>
          withCursors(
            pnthOutputAt.$(address).$(outputs).$(pcountInputsAt.$(address).$(inputs).$(inputIndex).$(0)),
            4,
            (out) =>
              plet(pconstr(out[2]!.head)).in((outDatum) =>
                pif(data)
                  .$(
                    peqData
                      .$(own.head)
                      .$(ownRef)
                      .and(outDatum.raw.index.eq(INLINE_DATUM))
                      .and(peqData.$(out[3]!.head).$(pconstant(NOTHING)))
                      .and(pvalueCovers.$(out[1]!.head).$(ownOut.tail.head)),
                  )
                  .then(outDatum.raw.fields.head)
                  .else(perror(data)),
              ),
          ),
        ),
      ),
    ),
  ),
);

/**
 * `next` equals the datum with fields `old` except result hash, cooldowns (taken from `next`
 * and checked by the caller) and state.
 */
const psameDatumExcept = phoist(
  pfn([list(data), data, data, data, data, data], bool)((old, next, resultHash, sellerCooldown, buyerCooldown, state) =>
    withCursors(old, 13, (c) => {
      const fields = [
        ...c.slice(0, 8).map((cursor) => cursor.head),
        resultHash,
        ...c.slice(9, 13).map((cursor) => cursor.head),
        sellerCooldown,
        buyerCooldown,
        state,
      ];
      const expected = fields.reduceRight<Term<PList<PData>>>(
        (rest, field) => pprepend(data).$(field).$(rest),
        pnilData,
      );
      return peqData.$(next).$(pConstrToData.$(0).$(expected));
    }),
  ),
);

/** Shape of the spent datum: field types, 16 fields, a state without fields, a non-negative collateral. */
const pwellFormed = (datum: Term<PData>, d: TermList<PData>[], state: TermInt) =>
  [
    pconstr(datum).raw.index.eq(0),
    pisEmpty.$(d[15]!.tail),
    pisEmpty.$(pconstr(d[15]!.head).raw.fields),
    state.ltEq(DISPUTED),
    pconstr(d[0]!.head).raw.index.eq(0),
    pconstr(d[1]!.head).raw.index.eq(0),
    ...[6, 9, 10, 11, 12, 13, 14].map((k) => punIData.$(d[k]!.head).gtEq(0)),
    ...[2, 3, 4, 5, 7, 8].map((k) => punBData.$(d[k]!.head).length.gtEq(0)),
  ].reduce((acc, check) => acc.and(check));

export const escrowValidator = pfn([data, data], unit)((params, ctx) =>
  passert.$(
    withCursors(pfields(ctx), 3, (context) =>
      plet(pconstr(context[2]!.head)).in((info) =>
        plet(info.raw.fields).in((infoFields) =>
          plet(pconstr(infoFields.tail.head)).in((maybeDatum) =>
            pif(bool)
              .$(info.raw.index.eq(1).and(maybeDatum.raw.index.eq(0)))
              .then(
                spend(
                  pfields(params),
                  pfields(context[0]!.head),
                  context[1]!.head,
                  infoFields.head,
                  maybeDatum.raw.fields.head,
                ),
              )
              .else(perror(bool)),
          ),
        ),
      ),
    ),
  ),
);

const int = (d: Term<PData>): TermInt => punIData.$(d);

function spend(
  paramFields: TermList<PData>,
  txFields: TermList<PData>,
  redeemer: Term<PData>,
  ownRef: Term<PData>,
  datum: Term<PData>,
): Term<PBool> {
  return withCursors(paramFields, 5, (p) =>
    withCursors(txFields, 9, (t) =>
      withCursors(pfields(datum), 16, (d) =>
        plet(punListData.$(t[0]!.head)).in((inputs) =>
          plet(punListData.$(t[2]!.head)).in((outputs) =>
            plet(punListData.$(t[8]!.head)).in((signatories) =>
              plet(pfields(t[7]!.head)).in((range) =>
                plet(pfiniteTime.$(range.head)).in((lowerBound) =>
                  plet(pfiniteTime.$(range.tail.head)).in((upperBound) =>
                    plet(pconstr(d[15]!.head).raw.index).in((state) =>
                      plet(peqData.$(d[8]!.head).$(pemptyBytes)).in((noResult) => {
                        const signedBy = (address: Term<PData>) =>
                          pincludesData.$(ppaymentKeyHash.$(address)).$(signatories);
                        const newCooldown = upperBound.add(int(p[4]!.head));
                        const continuing = (
                          inputIndex: Term<PInt>,
                          body: (next: Term<PData>, n8: TermList<PData>, n13: TermList<PData>) => Term<PBool>,
                        ) =>
                          plet(pcontinuingDatum.$(inputs).$(outputs).$(ownRef).$(inputIndex)).in((next) =>
                            plet(ptails(pfields(next), 8)).in((n8) =>
                              plet(ptails(n8, 5)).in((n13) => body(next, n8, n13)),
                            ),
                          );
                        return pwellFormed(datum, d, state).and(
                          pmatch(punsafeConvertType(redeemer, EscrowAction.type))
                            .onWithdraw(({ inputIndex, feeOutputIndex, buyerOutputIndex }) =>
                              plet(pfields(pdrop.$(inputs).$(inputIndex).head)).in((own) =>
                                plet(pConstrToData.$(INLINE_DATUM).$(pprepend(data).$(ownRef).$(pnilData))).in((tag) =>
                                  plet(int(p[3]!.head)).in((permille) =>
                                    plet(int(d[6]!.head)).in((collateral) =>
                                      signedBy(d[1]!.head)
                                        .and(lowerBound.gtEq(int(d[11]!.head)))
                                        .and(state.eq(RESULT_SUBMITTED))
                                        .and(pnot.$(noResult))
                                        .and(peqData.$(own.head).$(ownRef))
                                        .and(
                                          permille.eq(0).or(
                                            withCursors(pfields(pdrop.$(outputs).$(feeOutputIndex).head), 3, (fee) =>
                                              peqData
                                                .$(fee[0]!.head)
                                                .$(p[2]!.head)
                                                .and(peqData.$(fee[2]!.head).$(tag))
                                                .and(
                                                  pvalueCoversFee
                                                    .$(fee[1]!.head)
                                                    .$(pfields(own.tail.head).tail.head)
                                                    .$(permille),
                                                ),
                                            ),
                                          ),
                                        )
                                        .and(
                                          collateral.eq(0).or(
                                            withCursors(pfields(pdrop.$(outputs).$(buyerOutputIndex).head), 3, (back) =>
                                              peqData
                                                .$(back[0]!.head)
                                                .$(d[0]!.head)
                                                .and(peqData.$(back[2]!.head).$(tag))
                                                .and(plovelaceOf.$(back[1]!.head).gtEq(collateral)),
                                            ),
                                          ),
                                        )
                                        .and(
                                          permille
                                            .eq(0)
                                            .or(collateral.eq(0))
                                            .or(pnot.$(feeOutputIndex.eq(buyerOutputIndex))),
                                        ),
                                    ),
                                  ),
                                ),
                              ),
                            )
                            .onSetRefundRequested(({ inputIndex }) =>
                              continuing(inputIndex, (next, _n8, n13) =>
                                signedBy(d[0]!.head)
                                  .and(upperBound.lt(int(d[11]!.head)))
                                  .and(lowerBound.gtEq(int(d[14]!.head)))
                                  .and(pnot.$(state.eq(REFUND_REQUESTED)))
                                  .and(int(n13.head).eq(0))
                                  .and(int(n13.tail.head).gtEq(newCooldown))
                                  .and(
                                    psameDatumExcept
                                      .$(d[0]!)
                                      .$(next)
                                      .$(d[8]!.head)
                                      .$(n13.head)
                                      .$(n13.tail.head)
                                      .$(
                                        pif(data)
                                          .$(noResult)
                                          .then(pconstant(REFUND_REQUESTED))
                                          .else(pconstant(DISPUTED)),
                                      ),
                                  ),
                              ),
                            )
                            .onUnSetRefundRequested(({ inputIndex }) =>
                              continuing(inputIndex, (next, _n8, n13) =>
                                signedBy(d[0]!.head)
                                  .and(lowerBound.gtEq(int(d[14]!.head)))
                                  .and(state.gtEq(REFUND_REQUESTED))
                                  .and(int(n13.head).eq(0))
                                  .and(int(n13.tail.head).gtEq(newCooldown))
                                  .and(
                                    psameDatumExcept
                                      .$(d[0]!)
                                      .$(next)
                                      .$(d[8]!.head)
                                      .$(n13.head)
                                      .$(n13.tail.head)
                                      .$(
                                        pif(data)
                                          .$(noResult)
                                          .then(pconstant(FUNDS_LOCKED))
                                          .else(pconstant(RESULT_SUBMITTED)),
                                      ),
                                  ),
                              ),
                            )
                            .onWithdrawRefund(() =>
                              signedBy(d[0]!.head)
                                .and(lowerBound.gtEq(int(d[10]!.head)))
                                .and(state.eq(FUNDS_LOCKED).or(state.eq(REFUND_REQUESTED)))
                                .and(noResult),
                            )
                            .onWithdrawDisputed(() =>
                              pcountDistinctSigners
                                .$(signatories)
                                .$(punListData.$(p[0]!.head))
                                .gtEq(int(p[1]!.head))
                                .and(lowerBound.gtEq(int(d[12]!.head)))
                                .and(state.eq(DISPUTED))
                                .and(pnot.$(noResult)),
                            )
                            .onSubmitResult(({ inputIndex }) =>
                              continuing(inputIndex, (next, n8, n13) =>
                                signedBy(d[1]!.head)
                                  .and(
                                    upperBound
                                      .lt(int(d[10]!.head))
                                      .or(pnot.$(noResult).and(upperBound.lt(int(d[12]!.head)))),
                                  )
                                  .and(lowerBound.gtEq(int(d[13]!.head)))
                                  .and(punBData.$(n8.head).length.gt(0))
                                  .and(int(n13.head).gtEq(newCooldown))
                                  .and(int(n13.tail.head).eq(0))
                                  .and(
                                    psameDatumExcept
                                      .$(d[0]!)
                                      .$(next)
                                      .$(n8.head)
                                      .$(n13.head)
                                      .$(n13.tail.head)
                                      .$(
                                        pif(data)
                                          .$(state.lt(REFUND_REQUESTED))
                                          .then(pconstant(RESULT_SUBMITTED))
                                          .else(pconstant(DISPUTED)),
                                      ),
                                  ),
                              ),
                            )
                            .onAuthorizeRefund(({ inputIndex }) =>
                              continuing(inputIndex, (next, _n8, n13) =>
                                signedBy(d[1]!.head)
                                  .and(lowerBound.gtEq(int(d[13]!.head)))
                                  .and(state.eq(DISPUTED))
                                  .and(int(n13.head).gtEq(newCooldown))
                                  .and(int(n13.tail.head).eq(0))
                                  .and(
                                    psameDatumExcept
                                      .$(d[0]!)
                                      .$(next)
                                      .$(pemptyBytes)
                                      .$(n13.head)
                                      .$(n13.tail.head)
                                      .$(pconstant(REFUND_REQUESTED)),
                                  ),
                              ),
                            ),
                        );
                      }),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
