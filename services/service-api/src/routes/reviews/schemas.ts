import { OffsetQuery, pagedResponse } from '@brandi/http';
import Type, { type Static } from 'typebox';

const Id = Type.Integer({ minimum: 1, maximum: 4294967295 });
const Time = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const REVIEW_SORTS = ['newest', 'rating_desc', 'rating_asc'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

const Rating = Type.Integer({ minimum: 1, maximum: 5 });
const Fit = Type.Union([Type.Literal('fits'), Type.Literal('small'), Type.Literal('large')], {
  description: 'fits 잘맞아요, small 조금 작아요, large 조금 커요',
});
const Content = Type.String({ minLength: 10, maxLength: 2000, pattern: '\\S', description: '10-2000 characters, not blank' });

export const ProductReviewsQuery = Type.Object(
  {
    ...OffsetQuery.properties,
    sort: Type.Optional(
      Type.Union([Type.Literal('newest'), Type.Literal('rating_desc'), Type.Literal('rating_asc')], {
        description: 'newest (default); rating_desc / rating_asc, newest first within a rating',
      }),
    ),
    rating: Type.Optional(Rating),
  },
  { additionalProperties: false },
);
export type ProductReviewsQuery = Static<typeof ProductReviewsQuery>;
export const MyReviewsQuery = Type.Object({ ...OffsetQuery.properties }, { additionalProperties: false });

const reviewFields = {
  id: Id,
  rating: Rating,
  fit: Fit,
  content: Type.String(),
  author: Type.String({ description: "The reviewer's login id masked to its first 3 characters + ***" }),
  option: Type.Object({ color: Type.String(), size: Type.String() }, { additionalProperties: false }),
  createdAt: Time,
  updatedAt: Time,
};
export const ReviewItem = Type.Object(reviewFields, { additionalProperties: false });
export type ReviewItem = Static<typeof ReviewItem>;

export const ReviewSummary = Type.Object(
  {
    count: Count,
    average: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], { description: 'One decimal; null when no reviews' }),
    ratings: Type.Object({ 1: Count, 2: Count, 3: Count, 4: Count, 5: Count }, { additionalProperties: false }),
    fit: Type.Object({ fits: Count, small: Count, large: Count }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type ReviewSummary = Static<typeof ReviewSummary>;

export const ProductReviewPage = Type.Object(
  { ...pagedResponse(ReviewItem).properties, summary: ReviewSummary },
  { additionalProperties: false },
);

export const MyReview = Type.Object(
  {
    ...reviewFields,
    orderItemId: Id,
    product: Type.Object(
      { id: Id, name: Type.String(), imageUrl: Type.Union([Type.String(), Type.Null()]) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type MyReview = Static<typeof MyReview>;
export const MyReviewPage = pagedResponse(MyReview);

export const NewReviewBody = Type.Object({ rating: Rating, fit: Fit, content: Content }, { additionalProperties: false });
export type NewReviewBody = Static<typeof NewReviewBody>;
export const ReviewPatchBody = Type.Object(
  { rating: Type.Optional(Rating), fit: Type.Optional(Fit), content: Type.Optional(Content) },
  { additionalProperties: false, minProperties: 1 },
);
export type ReviewPatchBody = Static<typeof ReviewPatchBody>;

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const NoContent = Type.Null({ description: 'Deleted' });
