// Publishable keys are meant to be shipped to browsers.
export const stripePromise = loadStripe('pk_live_51HqLyjWDarjtT1zdp7dcNxR4mQ2vK8sY6hT3wZ9aB1cD2eF3gH4');
